function __track-operations_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __track-operations_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __track-operations_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __track-operations_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __track-operations_parse_tokens -S
    set -l unparsed_tokens (__track-operations_tokens -pc)
    switch $unparsed_tokens[1]
    case 'track-operations'
        __track-operations_parse_subcommand -r 1 'orders=+' 'routings=+' 'workcenters=+' 'products=+' 'bom=+' 'max-lines=' 'as-of=' 'efficiency=' 'moves-out=' 'workcenters-out=' 'orders-out=' 'rejects=' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'o/output=' 'output-format=' 'excel-csv' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __track-operations_parse_subcommand -r 1 'version'
        end
    end
end

function __track-operations_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __track-operations_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __track-operations_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __track-operations_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__track-operations_tokens -p)
    if test -z "$(__track-operations_tokens -t)"
        set -l index (count (__track-operations_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'track-operations' -f
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations"' -l 'orders' -d 'Production orders: order, product, qty, start_date, routing, warehouse.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations"' -l 'routings' -d 'Routings: routing, seq, operation, workcenter, cycles_per_unit, hours_per_unit.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations"' -l 'workcenters' -d 'Workcenters (SPEC §5.4).' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations"' -l 'products' -d 'The product catalogue (repeatable; a glob or a directory).' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations"' -l 'bom' -d 'The recipes (repeatable; a glob or a directory).' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" max-lines' -l 'max-lines' -d 'The most lines a recipe may have.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" as-of' -l 'as-of' -d 'Open intervals count up to this moment; later events are rejected.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" efficiency' -l 'efficiency' -d 'How a workcenter\'s efficiency is read: factor or percent.' -rfka 'factor percent'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" moves-out' -l 'moves-out' -d 'Write the stock moves of done orders here.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" workcenters-out' -l 'workcenters-out' -d 'Write hours per workcenter and day here.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" orders-out' -l 'orders-out' -d 'Write one row per order here.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" rejects' -l 'rejects' -d 'Write rejected events here (with the reason).' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" o output' -s 'o' -l 'output' -d 'Write to FILE atomically instead of standard output.' -rfka ''
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" output-format' -l 'output-format' -d 'csv, json or ndjson.' -rfka 'csv json ndjson'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" excel-csv' -l 'excel-csv' -d 'CSV for double-clicking: UTF-8 with BOM, \';\' and decimal comma.'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" version' -l 'version' -d 'Show the version.'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_positional "track-operations" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'track-operations' -n '__track-operations_should_offer_completions_for_flags_or_options "track-operations help" version' -l 'version' -d 'Show the version.'

function __schedule-mrp_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __schedule-mrp_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __schedule-mrp_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __schedule-mrp_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __schedule-mrp_parse_tokens -S
    set -l unparsed_tokens (__schedule-mrp_tokens -pc)
    switch $unparsed_tokens[1]
    case 'schedule-mrp'
        __schedule-mrp_parse_subcommand -r 1 'products=+' 'bom=+' 'max-lines=' 'stock=+' 'receipts=+' 'workcenters=+' 'routings=+' 'as-of=' 'security-days=' 'purchase-lead=' 'production-lead=' 'calendar=+' 'efficiency=' 'exceptions=' 'load=' 'period=' 'previous=+' 'changes=' 'group-purchases=' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'o/output=' 'output-format=' 'excel-csv' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __schedule-mrp_parse_subcommand -r 1 'version'
        end
    end
end

function __schedule-mrp_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __schedule-mrp_parse_subcommand -S -a positional_count
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

function __schedule-mrp_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __schedule-mrp_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__schedule-mrp_tokens -p)
    if test -z "$(__schedule-mrp_tokens -t)"
        set -l index (count (__schedule-mrp_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'schedule-mrp' -f
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp"' -l 'products' -d 'The product catalogue (repeatable; a glob or a directory).' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp"' -l 'bom' -d 'The recipes (repeatable; a glob or a directory).' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" max-lines' -l 'max-lines' -d 'The most lines a recipe may have.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp"' -l 'stock' -d 'Stock on hand: product, warehouse, on_hand.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp"' -l 'receipts' -d 'Open receipts: product, qty, date.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp"' -l 'workcenters' -d 'Workcenters (SPEC §5.4).' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp"' -l 'routings' -d 'Routings: routing, seq, operation, workcenter, cycles_per_unit, hours_per_unit.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" as-of' -l 'as-of' -d 'Orders starting before this day are late.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" security-days' -l 'security-days' -d 'Company security days taken off computed deliveries.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" purchase-lead' -l 'purchase-lead' -d 'Company purchase lead days.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" production-lead' -l 'production-lead' -d 'Company production lead days.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp"' -l 'calendar' -d 'Working days: weekday and date rows with working true/false; leads then count working days.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" efficiency' -l 'efficiency' -d 'How a workcenter\'s efficiency is read: factor or percent.' -rfka 'factor percent'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" exceptions' -l 'exceptions' -d 'Write the exceptions here.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" load' -l 'load' -d 'Write the workcenter load here.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" period' -l 'period' -d 'Period of the load: day, week or month.' -rfka 'day week month'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp"' -l 'previous' -d 'The previous plan (last night\'s planned orders), for --changes.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" changes' -l 'changes' -d 'Write what changed since --previous here.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" group-purchases' -l 'group-purchases' -d 'Merge a product\'s purchases placed in the same week or month.' -rfka 'day week month'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" o output' -s 'o' -l 'output' -d 'Write to FILE atomically instead of standard output.' -rfka ''
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" output-format' -l 'output-format' -d 'csv, json or ndjson.' -rfka 'csv json ndjson'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" excel-csv' -l 'excel-csv' -d 'CSV for double-clicking: UTF-8 with BOM, \';\' and decimal comma.'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" version' -l 'version' -d 'Show the version.'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_positional "schedule-mrp" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'schedule-mrp' -n '__schedule-mrp_should_offer_completions_for_flags_or_options "schedule-mrp help" version' -l 'version' -d 'Show the version.'

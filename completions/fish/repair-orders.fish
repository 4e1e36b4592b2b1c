function __repair-orders_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __repair-orders_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __repair-orders_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __repair-orders_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __repair-orders_parse_tokens -S
    set -l unparsed_tokens (__repair-orders_tokens -pc)
    switch $unparsed_tokens[1]
    case 'repair-orders'
        __repair-orders_parse_subcommand -r 1 'products=+' 'bom=+' 'max-lines=' 'lots=+' 'prices=+' 'as-of=' 'invoice-out=' 'quotation-out=' 'moves-out=' 'rejects=' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'o/output=' 'output-format=' 'excel-csv' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __repair-orders_parse_subcommand -r 1 'version'
        end
    end
end

function __repair-orders_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __repair-orders_parse_subcommand -S -a positional_count
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

function __repair-orders_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __repair-orders_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__repair-orders_tokens -p)
    if test -z "$(__repair-orders_tokens -t)"
        set -l index (count (__repair-orders_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'repair-orders' -f
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders"' -l 'products' -d 'The product catalogue (repeatable; a glob or a directory).' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders"' -l 'bom' -d 'The recipes (repeatable; a glob or a directory).' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" max-lines' -l 'max-lines' -d 'The most lines a recipe may have.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders"' -l 'lots' -d 'Sold lots: lot, product, sale_date, customer.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders"' -l 'prices' -d 'Price list: product, price.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" as-of' -l 'as-of' -d 'The date of repairs that give none.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" invoice-out' -l 'invoice-out' -d 'Write the draft invoice lines here.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" quotation-out' -l 'quotation-out' -d 'Write the quotations of draft repairs here.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" moves-out' -l 'moves-out' -d 'Write the stock moves of done repairs here.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" rejects' -l 'rejects' -d 'Write rejected rows here (with the reason).' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" o output' -s 'o' -l 'output' -d 'Write to FILE atomically instead of standard output.' -rfka ''
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" output-format' -l 'output-format' -d 'csv, json or ndjson.' -rfka 'csv json ndjson'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" excel-csv' -l 'excel-csv' -d 'CSV for double-clicking: UTF-8 with BOM, \';\' and decimal comma.'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" version' -l 'version' -d 'Show the version.'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_positional "repair-orders" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'repair-orders' -n '__repair-orders_should_offer_completions_for_flags_or_options "repair-orders help" version' -l 'version' -d 'Show the version.'

function __post-documents_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __post-documents_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __post-documents_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __post-documents_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __post-documents_parse_tokens -S
    set -l unparsed_tokens (__post-documents_tokens -pc)
    switch $unparsed_tokens[1]
    case 'post-documents'
        __post-documents_parse_subcommand -r 1 'products=+' 'bom=+' 'max-lines=' 'journeys=+' 'movement-types=+' 'opening-stock=+' 'ledger=+' 'period-start=' 'last-control=' 'stock-out=' 'balances-out=' 'journeys-out=' 'folios-out=' 'costs-out=' 'rejects=' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'o/output=' 'output-format=' 'excel-csv' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __post-documents_parse_subcommand -r 1 'version'
        end
    end
end

function __post-documents_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __post-documents_parse_subcommand -S -a positional_count
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

function __post-documents_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __post-documents_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__post-documents_tokens -p)
    if test -z "$(__post-documents_tokens -t)"
        set -l index (count (__post-documents_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'post-documents' -f
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents"' -l 'products' -d 'The product catalogue (repeatable; a glob or a directory).' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents"' -l 'bom' -d 'The recipes (repeatable; a glob or a directory).' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" max-lines' -l 'max-lines' -d 'The most lines a recipe may have.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents"' -l 'journeys' -d 'The production journeys: id, status (repeatable).' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents"' -l 'movement-types' -d 'Movement types to add or replace (repeatable).' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents"' -l 'opening-stock' -d 'Stock before the first document: product, warehouse, on_hand, cost.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents"' -l 'ledger' -d 'A ledger posted before: its movements count in the stocks (repeatable).' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" period-start' -l 'period-start' -d 'Movements before this date count in the prior-period stock.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" last-control' -l 'last-control' -d 'Movements on or before this date count in the last-control stock.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" stock-out' -l 'stock-out' -d 'Write the four stocks per product and warehouse here.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" balances-out' -l 'balances-out' -d 'Write every posted line\'s pending units here.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" journeys-out' -l 'journeys-out' -d 'Write the journey report (consumption, standard, yield) here.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" folios-out' -l 'folios-out' -d 'Write the component folios of the posted lines here.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" costs-out' -l 'costs-out' -d 'Write each movement\'s unit cost and running average cost here.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" rejects' -l 'rejects' -d 'Write refused rows here, with place and reason, instead of standard error.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" o output' -s 'o' -l 'output' -d 'Write to FILE atomically instead of standard output.' -rfka ''
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" output-format' -l 'output-format' -d 'csv, json or ndjson.' -rfka 'csv json ndjson'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" excel-csv' -l 'excel-csv' -d 'CSV for double-clicking: UTF-8 with BOM, \';\' and decimal comma.'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" version' -l 'version' -d 'Show the version.'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_positional "post-documents" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'post-documents' -n '__post-documents_should_offer_completions_for_flags_or_options "post-documents help" version' -l 'version' -d 'Show the version.'

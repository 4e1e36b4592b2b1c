function __export-xlsx_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __export-xlsx_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __export-xlsx_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __export-xlsx_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __export-xlsx_parse_tokens -S
    set -l unparsed_tokens (__export-xlsx_tokens -pc)
    switch $unparsed_tokens[1]
    case 'export-xlsx'
        __export-xlsx_parse_subcommand -r 1 'sheet=+' 'o/output=' 'created=' 'chart=+' 'title=' 'company=' 'author=' 'billing' 'lang=' 'contract=' 'signatures=' 'vat=' 'gpu=+' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __export-xlsx_parse_subcommand -r 1 'version'
        end
    end
end

function __export-xlsx_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __export-xlsx_parse_subcommand -S -a positional_count
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

function __export-xlsx_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __export-xlsx_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__export-xlsx_tokens -p)
    if test -z "$(__export-xlsx_tokens -t)"
        set -l index (count (__export-xlsx_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'export-xlsx' -f
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx"' -l 'sheet' -d 'A sheet from a table file (repeatable).' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" o output' -s 'o' -l 'output' -d 'The workbook to write.' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" created' -l 'created' -d 'Creation date stored in the workbook: 2026-01-01 or 2026-01-01T08:00:00Z (default: SOURCE_DATE_EPOCH, else now).' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx"' -l 'chart' -d 'A native chart of a sheet: its X column as categories, a series per Y column; TYPE column, bar, line, area, pie or scatter (repeatable).' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" title' -l 'title' -d 'Document title.' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" company' -l 'company' -d 'Document company; with --billing, also the company on the cover.' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" author' -l 'author' -d 'Document author.' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" billing' -l 'billing' -d 'Write the monthly billing statement of closed-month documents (the files).'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" lang' -l 'lang' -d 'Labels of the billing workbook: es (default) or en.' -rfka 'es en'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" contract' -l 'contract' -d 'Contract shown on the billing cover.' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" signatures' -l 'signatures' -d 'Signature names for the billing cover: a role,name table, roles prepared, reviewed, authorized (or elaboró, revisó, autorizó).' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" vat' -l 'vat' -d 'VAT rate for the billing cover (0.16): subtotal, VAT and total.' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx"' -l 'gpu' -d 'The GPU voucher register, for the billing GPU sheet (repeatable).' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" version' -l 'version' -d 'Show the version.'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_positional "export-xlsx" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'export-xlsx' -n '__export-xlsx_should_offer_completions_for_flags_or_options "export-xlsx help" version' -l 'version' -d 'Show the version.'

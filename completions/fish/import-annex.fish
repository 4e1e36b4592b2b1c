function __import-annex_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __import-annex_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __import-annex_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __import-annex_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __import-annex_parse_tokens -S
    set -l unparsed_tokens (__import-annex_tokens -pc)
    switch $unparsed_tokens[1]
    case 'import-annex'
        __import-annex_parse_subcommand -r 1 'ot=' 'import=' 'imported-on=' 'annex=' 'inactive' 'existing=+' 'rejects=' 'consolidate' 'work-orders=+' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'o/output=' 'output-format=' 'excel-csv' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __import-annex_parse_subcommand -r 1 'version'
        end
    end
end

function __import-annex_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __import-annex_parse_subcommand -S -a positional_count
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

function __import-annex_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __import-annex_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__import-annex_tokens -p)
    if test -z "$(__import-annex_tokens -t)"
        set -l index (count (__import-annex_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'import-annex' -f
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" ot' -l 'ot' -d 'The work order the annex belongs to (fills a missing ot column).' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" import' -l 'import' -d 'The import number (fills a missing import_id column).' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" imported-on' -l 'imported-on' -d 'The import date (fills a missing imported_on column).' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" annex' -l 'annex' -d 'The annex, e.g. C-2 (fills a missing annex column).' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" inactive' -l 'inactive' -d 'The import is inactive (fills a missing active column with false).'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex"' -l 'existing' -d 'Annex rows already imported, to check import numbers against (repeatable).' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" rejects' -l 'rejects' -d 'Write rejected rows, each with its reason, to FILE.' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" consolidate' -l 'consolidate' -d 'Print the authorization in force per family and code instead of the rows (needs --work-orders).'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex"' -l 'work-orders' -d 'The work orders, for --consolidate (repeatable).' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" o output' -s 'o' -l 'output' -d 'Write to FILE atomically instead of standard output.' -rfka ''
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" output-format' -l 'output-format' -d 'csv, json or ndjson.' -rfka 'csv json ndjson'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" excel-csv' -l 'excel-csv' -d 'CSV for double-clicking: UTF-8 with BOM, \';\' and decimal comma.'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" version' -l 'version' -d 'Show the version.'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_positional "import-annex" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'import-annex' -n '__import-annex_should_offer_completions_for_flags_or_options "import-annex help" version' -l 'version' -d 'Show the version.'

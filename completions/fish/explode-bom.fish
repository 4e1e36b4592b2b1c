function __explode-bom_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __explode-bom_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __explode-bom_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __explode-bom_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __explode-bom_parse_tokens -S
    set -l unparsed_tokens (__explode-bom_tokens -pc)
    switch $unparsed_tokens[1]
    case 'explode-bom'
        __explode-bom_parse_subcommand -r 1 'products=+' 'bom=+' 'max-lines=' 'levels=' 'summary' 'costs' 'trees' 'where-used=+' 'document' 'rejects=' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'o/output=' 'output-format=' 'excel-csv' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __explode-bom_parse_subcommand -r 1 'version'
        end
    end
end

function __explode-bom_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __explode-bom_parse_subcommand -S -a positional_count
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

function __explode-bom_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __explode-bom_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__explode-bom_tokens -p)
    if test -z "$(__explode-bom_tokens -t)"
        set -l index (count (__explode-bom_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'explode-bom' -f
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom"' -l 'products' -d 'The product catalogue (repeatable; a glob or a directory).' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom"' -l 'bom' -d 'The recipes (repeatable; a glob or a directory).' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" max-lines' -l 'max-lines' -d 'The most lines a recipe may have.' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" levels' -l 'levels' -d 'Explode at most N levels (1: direct components only).' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" summary' -l 'summary' -d 'Sum requirements per component and warehouse (with --document: the sheet\'s printed summary).'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" costs' -l 'costs' -d 'Roll up the unit cost of every product.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" trees' -l 'trees' -d 'Label every product with its independent tree (to split demands by tree).'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom"' -l 'where-used' -d 'List the products that need each CODE.' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" document' -l 'document' -d 'Write the component sheet of the orders (one level, shown lines, stock quantities to 2 decimals).'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" rejects' -l 'rejects' -d 'Write rejected orders here, with a reason column, instead of standard error.' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" o output' -s 'o' -l 'output' -d 'Write to FILE atomically instead of standard output.' -rfka ''
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" output-format' -l 'output-format' -d 'csv, json or ndjson.' -rfka 'csv json ndjson'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" excel-csv' -l 'excel-csv' -d 'CSV for double-clicking: UTF-8 with BOM, \';\' and decimal comma.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" version' -l 'version' -d 'Show the version.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_positional "explode-bom" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'explode-bom' -n '__explode-bom_should_offer_completions_for_flags_or_options "explode-bom help" version' -l 'version' -d 'Show the version.'

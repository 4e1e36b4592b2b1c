function __validate-excess_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __validate-excess_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __validate-excess_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __validate-excess_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __validate-excess_parse_tokens -S
    set -l unparsed_tokens (__validate-excess_tokens -pc)
    switch $unparsed_tokens[1]
    case 'validate-excess'
        __validate-excess_parse_subcommand -r 1 'annex=+' 'work-orders=+' 'daily=+' 'history=+' 'gpu=+' 'gpu-out=' 'gpu-annex=+' 'guards=+' 'rejects=' 'warn-at=' 'as-of=' 'family=+' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'o/output=' 'output-format=' 'excel-csv' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __validate-excess_parse_subcommand -r 1 'version'
        end
    end
end

function __validate-excess_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __validate-excess_parse_subcommand -S -a positional_count
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

function __validate-excess_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __validate-excess_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__validate-excess_tokens -p)
    if test -z "$(__validate-excess_tokens -t)"
        set -l index (count (__validate-excess_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'validate-excess' -f
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess"' -l 'annex' -d 'Annex rows, as import-annex writes them (repeatable; globs and directories).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess"' -l 'work-orders' -d 'The work orders (repeatable).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess"' -l 'daily' -d 'Daily statuses, long or month grid (repeatable). Without it days are not checked against statuses.' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess"' -l 'history' -d 'Earlier months: validated production or closed-month files (repeatable).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess"' -l 'gpu' -d 'The generator voucher register (repeatable).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" gpu-out' -l 'gpu-out' -d 'Write the merged voucher register to FILE (may be the --gpu file).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess"' -l 'gpu-annex' -d 'Annexes whose production needs a voucher, comma-separated (default: C-2,C-3,C2EXT,C3EXT).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess"' -l 'guards' -d 'Supervisor rotations per site (repeatable).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" rejects' -l 'rejects' -d 'Write rejected rows, each with its reason, to FILE.' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" warn-at' -l 'warn-at' -d 'Share of the authorization where green turns yellow.' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" as-of' -l 'as-of' -d 'Date of the vouchers this run creates (default: the last day of the latest production month).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess"' -l 'family' -d 'Process only the rows of these families (initial OTs; repeatable, or comma-separated).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" o output' -s 'o' -l 'output' -d 'Write to FILE atomically instead of standard output.' -rfka ''
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" output-format' -l 'output-format' -d 'csv, json or ndjson.' -rfka 'csv json ndjson'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" excel-csv' -l 'excel-csv' -d 'CSV for double-clicking: UTF-8 with BOM, \';\' and decimal comma.'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" version' -l 'version' -d 'Show the version.'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_positional "validate-excess" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'validate-excess' -n '__validate-excess_should_offer_completions_for_flags_or_options "validate-excess help" version' -l 'version' -d 'Show the version.'

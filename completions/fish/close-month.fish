function __close-month_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __close-month_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __close-month_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __close-month_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __close-month_parse_tokens -S
    set -l unparsed_tokens (__close-month_tokens -pc)
    switch $unparsed_tokens[1]
    case 'close-month'
        __close-month_parse_subcommand -r 1 'month=' 'annex=+' 'work-orders=+' 'daily=+' 'gpu=+' 'gpu-annex=+' 'evidence=' 'history=+' 'programmed=+' 'guards=+' 'ot=+' 'family=+' 'merge=+' 'reopen' 'reason=' 'delimiter=' 'encoding=' 'input-format=' 'decimal-comma' 'decimal-point' 'month-first' 'max-field=' 'strict' 'progress' 'o/output=' 'output-format=' 'excel-csv' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __close-month_parse_subcommand -r 1 'version'
        end
    end
end

function __close-month_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __close-month_parse_subcommand -S -a positional_count
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

function __close-month_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __close-month_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__close-month_tokens -p)
    if test -z "$(__close-month_tokens -t)"
        set -l index (count (__close-month_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'close-month' -f
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" month' -l 'month' -d 'The month to close (with --merge: the month the parts must close).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'annex' -d 'Annex rows, as import-annex writes them (repeatable; globs and directories).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'work-orders' -d 'The work orders (repeatable).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'daily' -d 'Daily statuses of the month, long or month grid (repeatable).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'gpu' -d 'The generator voucher register (repeatable).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'gpu-annex' -d 'Annexes whose production needs a voucher, comma-separated (default: C-2,C-3,C2EXT,C3EXT).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" evidence' -l 'evidence' -d 'The month\'s evidence URL (a closing without it is blocked).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'history' -d 'Earlier months: closed-month files or validated production (repeatable).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'programmed' -d 'Programmed (planned) production, long or grid (repeatable).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'guards' -d 'Supervisor rotations per site (repeatable).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'ot' -d 'Close only the families of these OTs (repeatable, or comma-separated).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'family' -d 'Read and close only the rows and families of these families (initial OTs; repeatable, or comma-separated).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month"' -l 'merge' -d 'Merge the closed-month documents of parts of the month (close-month --family) into one run\'s document.' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" reopen' -l 'reopen' -d 'Close a month already closed in the history again (needs --reason).'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" reason' -l 'reason' -d 'Why the month is closed again (with --reopen; recorded in the document).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" delimiter' -l 'delimiter' -d 'CSV field delimiter: , ; tab or | (default: sniffed from the header).' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" encoding' -l 'encoding' -d 'Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).' -rfka 'auto utf-8 windows-1252 latin1'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" input-format' -l 'input-format' -d 'csv, json or ndjson (default: from the extension, then the content).' -rfka 'csv json ndjson'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" decimal-comma' -l 'decimal-comma' -d 'Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" decimal-point' -l 'decimal-point' -d 'Numbers use the decimal point and 1,234 is 1234.'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" month-first' -l 'month-first' -d 'Dates like 10/31/2026 are month first (default: day first).'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" max-field' -l 'max-field' -d 'Largest field accepted, in bytes.' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" strict' -l 'strict' -d 'Reject unknown columns.'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" progress' -l 'progress' -d 'Show progress on standard error (a terminal only) from the start.'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" o output' -s 'o' -l 'output' -d 'Write to FILE atomically instead of standard output.' -rfka ''
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" output-format' -l 'output-format' -d 'csv, json or ndjson.' -rfka 'csv json ndjson'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" excel-csv' -l 'excel-csv' -d 'CSV for double-clicking: UTF-8 with BOM, \';\' and decimal comma.'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" version' -l 'version' -d 'Show the version.'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_positional "close-month" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'close-month' -n '__close-month_should_offer_completions_for_flags_or_options "close-month help" version' -l 'version' -d 'Show the version.'

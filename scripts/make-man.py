#!/usr/bin/env python3
"""Writes man/man1/COMMAND.1 (mdoc) for every command from its own help.

    python3 scripts/make-man.py BIN_DIR [COMMAND...]

Each executable in BIN_DIR is asked for its help as JSON (swift-argument-parser's
--experimental-dump-help); the page keeps the text as the command says it, accents
included (UTF-8: `man -l` on Debian reads it through preconv). swift-argument-parser's
own generate-manual plugin drops every non-ASCII character ("EN REVISIÓN" came out
"EN REVISIN"), which is why the pages are written here.

The page's date is the date of the last commit, so that regenerating unchanged help
gives unchanged pages.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def escape(text):
    """Text for an mdoc line: backslashes escaped, a leading dot or quote guarded."""
    text = text.replace("\\", "\\e")
    if text.startswith(".") or text.startswith("'"):
        text = "\\&" + text
    return text


def quoted(text):
    return '"' + escape(text).replace('"', '\\(dq') + '"'


def flag(arg):
    """`.It`/`.Op` body of an argument: `Fl o , Fl -output Ar file`."""
    if arg["kind"] == "positional":
        return "Ar " + arg.get("valueName", "value") + ("..." if arg.get("isRepeating") else "")
    names = []
    for n in arg["names"]:
        names.append("Fl " + ("-" + n["name"] if n["kind"] == "long" else n["name"]))
    body = " , ".join(names)
    if arg["kind"] == "option":
        body += " Ar " + arg.get("valueName", "value") + ("..." if arg.get("isRepeating") else "")
    return body


def paragraphs(text):
    """The discussion as mdoc: blank lines separate paragraphs; indented lines
    (the example pipelines) are literal displays."""
    out = []
    block = []
    literal = False

    def flush():
        nonlocal block, literal
        if not block:
            return
        if literal:
            out.append(".Bd -literal -offset indent")
            out.extend(escape(line[2:] if line.startswith("  ") else line) for line in block)
            out.append(".Ed")
        else:
            out.append(".Pp")
            out.extend(escape(line) for line in block)
        block = []

    for line in text.split("\n"):
        if not line.strip():
            flush()
            continue
        is_literal = line.startswith("  ")
        if block and is_literal != literal:
            flush()
        literal = is_literal
        block.append(line.rstrip())
    flush()
    return out


def page(name, command, date):
    lines = [
        '.\\" Written by scripts/make-man.py from the command\'s own help; do not edit.',
        ".Dd " + date,
        ".Dt " + name.upper() + " 1",
        ".Os",
        ".Sh NAME",
        ".Nm " + name,
        ".Nd " + quoted(command.get("abstract", "")),
        ".Sh SYNOPSIS",
        ".Nm",
    ]
    arguments = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    for a in arguments:
        if a["kind"] == "flag" and a["preferredName"]["name"] in ("help", "version"):
            continue
        body = flag(a)
        optional = a.get("isOptional") or a["kind"] == "flag"
        lines.append((".Op " if optional else ".") + body)
    lines.append(".Sh DESCRIPTION")
    lines.extend(paragraphs(command.get("discussion", "")).__iter__())
    lines.append(".Sh OPTIONS")
    section = None
    open_list = False
    for a in arguments:
        title = a.get("sectionTitle")
        if title and title != section:
            if open_list:
                lines.append(".El")
            lines.append(".Ss " + quoted(title))
            lines.append(".Bl -tag -width 6n")
            open_list = True
            section = title
        if not open_list:
            lines.append(".Bl -tag -width 6n")
            open_list = True
        lines.append(".It " + flag(a))
        text = a.get("abstract", "")
        if a.get("defaultValue") not in (None, ""):
            text += " (default: " + a["defaultValue"] + ")"
        if a.get("allValues"):
            text += " Values: " + ", ".join(a["allValues"]) + "."
        lines.append(escape(text))
        if a.get("discussion"):
            lines.extend(paragraphs(a["discussion"]))
    lines.append(".El")
    lines.append(".Sh SEE ALSO")
    others = [c for c in commands() if c != name]
    for i, other in enumerate(others):
        lines.append(".Xr " + other + " 1" + (" ," if i < len(others) - 1 else ""))
    return "\n".join(lines) + "\n"


def commands():
    out = subprocess.run(["sh", os.path.join(ROOT, "scripts", "commands.sh")], capture_output=True, text=True, check=True)
    return [c for c in out.stdout.split() if c]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: make-man.py BIN_DIR [COMMAND...]")
    bin_dir = sys.argv[1]
    names = sys.argv[2:] or commands()
    date = subprocess.run(
        ["git", "-C", ROOT, "log", "-1", "--format=%cd", "--date=format:%B %-d, %Y"],
        capture_output=True, text=True).stdout.strip() or "January 1, 2026"
    os.makedirs(os.path.join(ROOT, "man", "man1"), exist_ok=True)
    for name in names:
        dump = subprocess.run([os.path.join(bin_dir, name), "--experimental-dump-help"],
                              capture_output=True, text=True, check=True).stdout
        command = json.loads(dump)["command"]
        path = os.path.join(ROOT, "man", "man1", name + ".1")
        with open(path, "w", encoding="utf-8") as f:
            f.write(page(name, command, date))
        print(path)


if __name__ == "__main__":
    main()

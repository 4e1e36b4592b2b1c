#!/bin/sh
# Lists the command executables declared in Package.swift.
cd "$(dirname "$0")/.."
sed -n 's/.*\.executable(name: "\([a-z-]*\)".*/\1/p' Package.swift

"""What each command does, below the command line that parses its arguments.

scan (the scan loop and its workers), fix, lsp, approvals, starter (`vetter init`), explain.
May import: every other folder of vetter; only `vetter.cli` imports it.
"""

"""script rules: the platform's rules for custom code (`script.csx`) and where it sends data.

The script is parsed once with tree-sitter's C# grammar (``vetter.model.csx``); the rules read its
syntax tree, never its text with regular expressions, so comments and strings do not trigger them.
"""

PREFIX = "SCR"

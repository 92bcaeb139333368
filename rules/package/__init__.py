"""package rules: the package holds the files a connector needs (definition, apiProperties,
readme), its archive entries are safe, and its inputs stay within vetter's limits."""

PREFIX = "PKG"

"""swagger rules: the definition is valid Swagger 2.0 and its `$ref`s resolve inside the file."""

PREFIX = "SWG"

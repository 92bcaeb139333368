"""Reading packages and the model rules read.

Finding and loading packages from folders and archives (archives, loader, submission), one
parse of each JSON file with its source map (jsonfile, node, schemacheck), the views over it
(swagger, properties, extensions), `ConnectorPackage` (package), the icon (images, iconimage),
script.csx (csx), Microsoft's facts (policies, checklist), `RunOptions` (options) and the
certification profile a package is checked under (profiles).
May import: `vetter.base`.
"""

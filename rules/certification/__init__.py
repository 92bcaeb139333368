"""certification rules: Microsoft's certification checklist (rules-catalog §0 and §2).

Title, description, metadata, contact, publisher, brand colour, operation and
parameter strings, responses, deprecation practice, readme sections, files,
icon and the submission package layout. Most apply only under the
``certified`` and ``independent-publisher`` profiles (``vetter.model.profiles``);
each rule's docs say how the profile changes it.
"""

PREFIX = "CRT"

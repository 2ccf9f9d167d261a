"""certflow's gettext catalogs (domain ``certflow``) and the Babel extractor that fills them.

The message ids are the English texts; ``id/LC_MESSAGES/certflow.po`` holds the Bahasa Indonesia
and ``certflow.mo`` its compiled form, which :func:`certflow.engine.catalog` loads. See
docs/decisions/0018-gettext-catalogs.md for how to extract, update and compile them.
"""

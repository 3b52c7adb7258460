"""Category data for a shop: the tree and each leaf's rules, fetched through the TOP client and
cached per shop + environment in ``data_dir()/categories`` (see ``docs/architecture.md``).

``service.CategoryService`` is the entry point; the pure model is ``app.catalog.categories`` and
``app.catalog.category_rules``.
"""

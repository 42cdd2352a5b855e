"""The bottom layer: settings, errors, logging and the German word classes every stage shares.

It imports nothing from zitat's other packages; everything else may import it (see the layers in
pyproject.toml, checked by `lint-imports`).
"""

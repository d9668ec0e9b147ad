"""Template OCR: a template's sample is found in the input (layout + title), aligned, and its fields read.

``schema`` checks definitions, ``keypoints`` + ``matching`` find the sample in a page, ``alignment``
warps between frames, ``reading`` / ``checkbox`` / ``values`` read fields, ``flow`` ties them together.
"""

"""The only modules that import OCR libraries (rapidocr/onnxruntime, tesserocr): each wraps one
library's sessions behind the stage contracts of :mod:`hanji.engines.stages`."""

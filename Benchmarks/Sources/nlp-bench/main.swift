print("nlp-bench: not written yet")

print("tagger-bench: not written yet")

print("vocab-bench: not written yet")

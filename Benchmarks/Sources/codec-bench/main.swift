print("codec-bench: not written yet")

print("gateway-load: not written yet")

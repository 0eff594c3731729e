"""Small helpers every layer may use: the garbage-collector pause, did-you-mean, file writing."""

"""Reading a finished result: the private report, its PDF, sharing, retakes and deleting."""

"""gRPC edge of zitat (package zitat.v1): servicers, converters, errors, server and client."""

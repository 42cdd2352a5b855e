"""Generated from proto/zitat/v1 by `python -m zitat.grpc.codegen`: do not edit the *_pb2* files."""

"""Message shapes and their codec: the contract between Python and the browser."""

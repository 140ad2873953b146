"""Live co-editing: the broker that carries applied ops to every editor of a page, the SSE
stream that delivers them, presence, and support sessions."""

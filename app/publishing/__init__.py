"""Compiling sites to static files and publishing them (local hosting, Cloudflare Pages, Vercel)."""

"""One notification centre for every domain: in-app, e-mail, daily digest; preferences per kind."""

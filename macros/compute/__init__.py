"""Computing: diagnosis, staffing, economics and calendars from the models, with no HTML."""

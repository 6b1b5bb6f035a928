"""The Frappe shell around the rules: load what the rules need from the site, save what they decide."""

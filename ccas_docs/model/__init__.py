"""Model: the typed, validated convention (pydantic), its numbering and stable ids, prose and generated clauses.

Takes the YAML nodes of the source stage; gives a Project whose every text can be rendered."""

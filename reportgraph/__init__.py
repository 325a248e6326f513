"""reportgraph: a knowledge graph of the organisations and relationships stated in Chinese
industry reports, every link traced to the sentence it came from.

One module per step of the data flow:
``yamlfile`` (read YAML with lines) → ``load`` (facts model, checked) → ``rdf`` (rdflib graph)
→ ``validate`` (SHACL, OWL-RL) → ``output`` (deterministic, atomic files); ``build`` runs
them and ``cli`` is the command line behind ``build_graph.py``.
"""

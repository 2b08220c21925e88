"""Operating the cluster: PostgreSQL, HAProxy and the Zope instances
(`make run-cluster`, bin/cluster). Plain processes and files; nothing here
imports Zope."""

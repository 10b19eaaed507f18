"""Jobs: the orchestration of build, invoice and schedule: staging folders, layout workers, atomic installation.

Takes a project folder and options; gives installed files, or nothing at all when anything failed."""

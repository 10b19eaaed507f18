from ccas_docs.cli.main import main

main()

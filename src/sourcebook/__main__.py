from sourcebook.cli import main

raise SystemExit(main())

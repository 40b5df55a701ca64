"""The contributor's commands: add a document, cite a source, format files;
every write staged all or nothing."""

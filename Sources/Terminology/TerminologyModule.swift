public enum TerminologyModule {}

//! kubectl views of a simulation snapshot.

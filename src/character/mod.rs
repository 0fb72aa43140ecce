//! Character theory (being written).

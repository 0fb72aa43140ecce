//! Equivariant linear layers and MLPs from Hom bases (placeholder; being written).

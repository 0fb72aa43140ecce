//! Block-diagonal matrices: the matrix of a direct sum `ρ_1 ⊕ ρ_2 ⊕ …`.

use nalgebra::DMatrix;

/// The block-diagonal matrix `A_1 ⊕ A_2 ⊕ …` (blocks may be rectangular or empty).
pub fn direct_sum(blocks: &[DMatrix<f64>]) -> DMatrix<f64> {
    let rows = blocks.iter().map(|b| b.nrows()).sum();
    let cols = blocks.iter().map(|b| b.ncols()).sum();
    let mut out = DMatrix::zeros(rows, cols);
    let (mut r, mut c) = (0, 0);
    for block in blocks {
        out.view_mut((r, c), block.shape()).copy_from(block);
        r += block.nrows();
        c += block.ncols();
    }
    out
}

/// The `nrows × k` matrix with the given columns (`nrows × 0` for none, where
/// `DMatrix::from_columns` would panic).
pub fn matrix_from_columns(nrows: usize, columns: &[nalgebra::DVector<f64>]) -> DMatrix<f64> {
    if columns.is_empty() {
        DMatrix::zeros(nrows, 0)
    } else {
        DMatrix::from_columns(columns)
    }
}

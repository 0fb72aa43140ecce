//! `.npy` export (NumPy's format, read by `numpy.load`), through the `npyz` crate.

use crate::{Error, Result};
use nalgebra::DMatrix;
use npyz::WriterBuilder;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::InvalidInput(format!("cannot write {}: {e}", path.display()))
}

/// Writes a C-order `float64` array of the given shape (`data.len()` must be its product).
pub fn write_f64(path: &Path, shape: &[u64], data: &[f64]) -> Result<()> {
    write_array(path, shape, data)
}

/// Writes a C-order `uint64` array (indices of sparse COO arrays).
pub fn write_u64(path: &Path, shape: &[u64], data: &[u64]) -> Result<()> {
    write_array(path, shape, data)
}

fn write_array<T: npyz::AutoSerialize + Copy>(
    path: &Path,
    shape: &[u64],
    data: &[T],
) -> Result<()> {
    let expected: u64 = shape.iter().product();
    if expected != data.len() as u64 {
        return Err(Error::InvalidInput(format!(
            "an array of shape {shape:?} has {expected} entries, not {}",
            data.len()
        )));
    }
    let file = File::create(path).map_err(|e| io_error(path, e))?;
    let mut writer = npyz::WriteOptions::<T>::new()
        .default_dtype()
        .shape(shape)
        .writer(BufWriter::new(file))
        .begin_nd()
        .map_err(|e| io_error(path, e))?;
    writer
        .extend(data.iter().copied())
        .map_err(|e| io_error(path, e))?;
    writer.finish().map_err(|e| io_error(path, e))
}

/// Writes a matrix as a `[rows, cols]` `float64` array (row-major, as NumPy expects).
pub fn write_matrix(path: &Path, m: &DMatrix<f64>) -> Result<()> {
    let row_major: Vec<f64> = m.transpose().iter().copied().collect();
    write_f64(path, &[m.nrows() as u64, m.ncols() as u64], &row_major)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The written file parses back (with npyz's reader) to the same shape and values.
    #[test]
    fn matrix_round_trips_through_npy() {
        let m = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, -6.5]);
        let path = std::env::temp_dir().join(format!("equivariant-npy-{}.npy", std::process::id()));
        write_matrix(&path, &m).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let array = npyz::NpyFile::new(&bytes[..]).unwrap();
        assert_eq!(array.shape(), &[2, 3]);
        let values: Vec<f64> = array.into_vec().unwrap();
        assert_eq!(values, vec![1.0, 2.0, 3.0, 4.0, 5.0, -6.5]);
        std::fs::remove_file(&path).unwrap();
        assert!(write_f64(&path, &[2, 2], &[1.0]).is_err());
    }
}

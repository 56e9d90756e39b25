//! Generated files for the swift target.

use crate::Generated;

/// Every generated file of this target.
pub fn files() -> Vec<Generated> {
    Vec::new()
}

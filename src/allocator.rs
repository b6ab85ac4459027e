//! The allocator of every `brief` process: mimalloc, set up before the first allocation.
//!
//! Dataset loading and Typst's layout allocate heavily, and the system allocator spent a
//! quarter of a 100,000-event load in malloc (BENCHMARKS.md). By default mimalloc asks
//! the kernel for transparent huge pages for its memory, and the kernel zeroes a whole
//! 2 MiB page at its first touch: that was a quarter of a one-shot brief's time, and
//! made its peak memory 99 MiB instead of 57 (BENCHMARKS.md, "What moved the figures",
//! `f3f1ea7`). So each process turns huge pages off for mimalloc as it starts, unless
//! `MIMALLOC_ALLOW_THP` says otherwise.
//!
//! A program (the `brief` binary, the benchmarks) takes it with
//! [`global_allocator!`](crate::global_allocator) once, at its root.

pub use mimalloc::MiMalloc;

/// `mi_option_allow_thp`: its place in `mi_option_e` of the mimalloc that
/// libmimalloc-sys builds ([`MIMALLOC_VERSION`], `include/mimalloc.h`), whose Rust
/// bindings do not name it.
const OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// The mimalloc version whose option numbers this module uses (3.3.2); a test fails
/// when an update brings another, so that the numbers are checked again.
pub const MIMALLOC_VERSION: i32 = 30302;

/// Makes mimalloc the program's global allocator and sets it up as the process starts,
/// before `main`: mimalloc takes its first memory from the system at the first
/// allocation, and the setting must be in place by then.
#[macro_export]
macro_rules! global_allocator {
    () => {
        #[global_allocator]
        static ALLOCATOR: $crate::allocator::MiMalloc = $crate::allocator::MiMalloc;

        #[cfg(target_os = "linux")]
        #[used]
        #[unsafe(link_section = ".init_array")]
        static SET_UP_ALLOCATOR: extern "C" fn() = $crate::allocator::set_up;
    };
}

/// Turns transparent huge pages off for mimalloc, unless the environment decides; run
/// by [`global_allocator!`](crate::global_allocator) as the process starts.
pub extern "C" fn set_up() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: sets one of mimalloc's options, which it reads when it next takes
        // memory from the system; no allocation is in progress this early.
        unsafe { libmimalloc_sys::mi_option_set(OPTION_ALLOW_THP, 0) };
    }
}

#[cfg(test)]
crate::global_allocator!();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_numbers_are_those_of_the_bundled_mimalloc() {
        // SAFETY: reads mimalloc's version.
        assert_eq!(unsafe { libmimalloc_sys::mi_version() }, MIMALLOC_VERSION);
    }

    #[test]
    fn huge_pages_are_off_from_the_start_on_linux() {
        if cfg!(target_os = "linux") && std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
            // SAFETY: reads one of mimalloc's options.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(OPTION_ALLOW_THP) }, 0);
        }
    }
}

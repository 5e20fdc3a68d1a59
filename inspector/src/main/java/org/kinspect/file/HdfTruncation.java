package org.kinspect.file;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import org.kinspect.errors.KinspectException;

/**
 * Refuses an HDF5 file shorter than its superblock says it is: a download or copy that stopped
 * early. Reading such a file can succeed when the part that was cut held nothing kinspect reads
 * (the end of the training configuration, free space), but a file that is not what was written
 * is not one to vouch for.
 *
 * <pre>{@code
 * HdfTruncation.requireComplete(hdfFile, "model.h5");
 * }</pre>
 */
final class HdfTruncation {

    private HdfTruncation() {}

    /**
     * @param file an open HDF5 file
     * @param name the file as the user knows it, for the message
     * @throws KinspectException when the file has fewer bytes than its superblock declares
     */
    static void requireComplete(HdfFile file, Object name) {
        Superblock superblock = file.getHdfBackingStorage().getSuperblock();
        long declared = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        long actual = file.size();
        if (actual < declared) {
            throw KinspectException.modelFile(name + ": the HDF5 file is truncated: it declares " + declared
                    + " bytes but has " + actual + "; copy or download it again");
        }
    }
}

package io.director.ipvs;

/** IPVS_CMD_GET_INFO: the IPVS version code (0x010201 = 1.2.1) and the connection table size. */
public record Info(int version, int connTableSize) {
    /** "1.2.1". */
    public String versionText() {
        return ((version >> 16) & 0xff) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff);
    }
}

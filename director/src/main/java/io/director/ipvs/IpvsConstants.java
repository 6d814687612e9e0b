package io.director.ipvs;

/** Constants of the kernel's include/uapi/linux/ip_vs.h (generic-netlink interface), by their C names. */
final class IpvsConstants {
    private IpvsConstants() {}

    static final String IPVS_GENL_NAME = "IPVS";
    static final int IPVS_GENL_VERSION = 1;

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int IP_VS_SVC_F_PERSISTENT = 0x0001;
    static final int IP_VS_SVC_F_HASHED = 0x0002;
    static final int IP_VS_SVC_F_ONEPACKET = 0x0004;
    static final int IP_VS_SVC_F_SCHED1 = 0x0008;
    static final int IP_VS_SVC_F_SCHED2 = 0x0010;
    static final int IP_VS_SVC_F_SCHED3 = 0x0020;

    static final int IP_VS_CONN_F_FWD_MASK = 0x0007;
    static final int IP_VS_CONN_F_MASQ = 0x0000;
    static final int IP_VS_CONN_F_LOCALNODE = 0x0001;
    static final int IP_VS_CONN_F_TUNNEL = 0x0002;
    static final int IP_VS_CONN_F_DROUTE = 0x0003;

    static final int IP_VS_STATE_NONE = 0;
    static final int IP_VS_STATE_MASTER = 1;
    static final int IP_VS_STATE_BACKUP = 2;

    // enum IPVS_CMD_*
    static final int IPVS_CMD_NEW_SERVICE = 1;
    static final int IPVS_CMD_SET_SERVICE = 2;
    static final int IPVS_CMD_DEL_SERVICE = 3;
    static final int IPVS_CMD_GET_SERVICE = 4;
    static final int IPVS_CMD_NEW_DEST = 5;
    static final int IPVS_CMD_SET_DEST = 6;
    static final int IPVS_CMD_DEL_DEST = 7;
    static final int IPVS_CMD_GET_DEST = 8;
    static final int IPVS_CMD_NEW_DAEMON = 9;
    static final int IPVS_CMD_DEL_DAEMON = 10;
    static final int IPVS_CMD_GET_DAEMON = 11;
    static final int IPVS_CMD_SET_CONFIG = 12;
    static final int IPVS_CMD_GET_CONFIG = 13;
    static final int IPVS_CMD_SET_INFO = 14;
    static final int IPVS_CMD_GET_INFO = 15;
    static final int IPVS_CMD_ZERO = 16;
    static final int IPVS_CMD_FLUSH = 17;

    // enum IPVS_CMD_ATTR_*
    static final int IPVS_CMD_ATTR_SERVICE = 1;
    static final int IPVS_CMD_ATTR_DEST = 2;
    static final int IPVS_CMD_ATTR_DAEMON = 3;
    static final int IPVS_CMD_ATTR_TIMEOUT_TCP = 4;
    static final int IPVS_CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    static final int IPVS_CMD_ATTR_TIMEOUT_UDP = 6;

    // enum IPVS_SVC_ATTR_*
    static final int IPVS_SVC_ATTR_AF = 1;
    static final int IPVS_SVC_ATTR_PROTOCOL = 2;
    static final int IPVS_SVC_ATTR_ADDR = 3;
    static final int IPVS_SVC_ATTR_PORT = 4;
    static final int IPVS_SVC_ATTR_FWMARK = 5;
    static final int IPVS_SVC_ATTR_SCHED_NAME = 6;
    static final int IPVS_SVC_ATTR_FLAGS = 7;
    static final int IPVS_SVC_ATTR_TIMEOUT = 8;
    static final int IPVS_SVC_ATTR_NETMASK = 9;
    static final int IPVS_SVC_ATTR_STATS = 10;
    static final int IPVS_SVC_ATTR_PE_NAME = 11;
    static final int IPVS_SVC_ATTR_STATS64 = 12;

    // enum IPVS_DEST_ATTR_*
    static final int IPVS_DEST_ATTR_ADDR = 1;
    static final int IPVS_DEST_ATTR_PORT = 2;
    static final int IPVS_DEST_ATTR_FWD_METHOD = 3;
    static final int IPVS_DEST_ATTR_WEIGHT = 4;
    static final int IPVS_DEST_ATTR_U_THRESH = 5;
    static final int IPVS_DEST_ATTR_L_THRESH = 6;
    static final int IPVS_DEST_ATTR_ACTIVE_CONNS = 7;
    static final int IPVS_DEST_ATTR_INACT_CONNS = 8;
    static final int IPVS_DEST_ATTR_PERSIST_CONNS = 9;
    static final int IPVS_DEST_ATTR_STATS = 10;
    static final int IPVS_DEST_ATTR_ADDR_FAMILY = 11;
    static final int IPVS_DEST_ATTR_STATS64 = 12;
    static final int IPVS_DEST_ATTR_TUN_TYPE = 13;
    static final int IPVS_DEST_ATTR_TUN_PORT = 14;
    static final int IPVS_DEST_ATTR_TUN_FLAGS = 15;

    // enum IPVS_DAEMON_ATTR_*
    static final int IPVS_DAEMON_ATTR_STATE = 1;
    static final int IPVS_DAEMON_ATTR_MCAST_IFN = 2;
    static final int IPVS_DAEMON_ATTR_SYNC_ID = 3;
    static final int IPVS_DAEMON_ATTR_SYNC_MAXLEN = 4;
    static final int IPVS_DAEMON_ATTR_MCAST_GROUP = 5;
    static final int IPVS_DAEMON_ATTR_MCAST_GROUP6 = 6;
    static final int IPVS_DAEMON_ATTR_MCAST_PORT = 7;
    static final int IPVS_DAEMON_ATTR_MCAST_TTL = 8;

    // enum IPVS_STATS_ATTR_*
    static final int IPVS_STATS_ATTR_CONNS = 1;
    static final int IPVS_STATS_ATTR_INPKTS = 2;
    static final int IPVS_STATS_ATTR_OUTPKTS = 3;
    static final int IPVS_STATS_ATTR_INBYTES = 4;
    static final int IPVS_STATS_ATTR_OUTBYTES = 5;
    static final int IPVS_STATS_ATTR_CPS = 6;
    static final int IPVS_STATS_ATTR_INPPS = 7;
    static final int IPVS_STATS_ATTR_OUTPPS = 8;
    static final int IPVS_STATS_ATTR_INBPS = 9;
    static final int IPVS_STATS_ATTR_OUTBPS = 10;

    // enum IPVS_INFO_ATTR_*
    static final int IPVS_INFO_ATTR_VERSION = 1;
    static final int IPVS_INFO_ATTR_CONN_TAB_SIZE = 2;
}

import Hummingbird
public enum GatewayServerModule {}
